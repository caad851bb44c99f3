{{/* The chart name, or nameOverride. */}}
{{- define "gong-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: fullnameOverride, else the release name when it already
contains the chart name (so `helm install gong-operator` gives plain "gong-operator"), else
"<release>-<chart>".
*/}}
{{- define "gong-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "gong-operator.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every object. helm.sh/chart and managed-by exist only in the Helm render. */}}
{{- define "gong-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "gong-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The labels the Deployment selects its pods by; they never change on upgrade. */}}
{{- define "gong-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gong-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Leader election is forced on with more than one replica: only one pod may call Gong. */}}
{{- define "gong-operator.leaderElect" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/*
The default credentials Secret's name in the release namespace: the existing one, the one this
chart creates from values, or empty (no operator-wide default). Fails on contradicting values.
*/}}
{{- define "gong-operator.credentialsSecretName" -}}
{{- $c := .Values.credentials }}
{{- $fromValues := or $c.accessKey $c.accessKeySecret $c.accessToken }}
{{- if and $c.existingSecret $fromValues }}
{{- fail "credentials: set either credentials.existingSecret or credentials.accessKey/accessKeySecret/accessToken, not both" }}
{{- end }}
{{- if and $c.accessToken (or $c.accessKey $c.accessKeySecret) }}
{{- fail "credentials: set either credentials.accessToken (Bearer) or credentials.accessKey + credentials.accessKeySecret (Basic), not both" }}
{{- end }}
{{- if and (or $c.accessKey $c.accessKeySecret) (not (and $c.accessKey $c.accessKeySecret)) }}
{{- fail "credentials: credentials.accessKey and credentials.accessKeySecret go together; set both" }}
{{- end }}
{{- if $c.existingSecret }}
{{- $c.existingSecret }}
{{- else if $fromValues }}
{{- printf "%s-credentials" (include "gong-operator.fullname" .) }}
{{- end }}
{{- end }}
