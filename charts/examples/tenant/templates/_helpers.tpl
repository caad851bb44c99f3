{{/* Object names: the release name (one release per tenant). */}}
{{- define "tenant.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tenant.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "tenant.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tenant.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The tenant's host; installing without one fails with this message. */}}
{{- define "tenant.host" -}}
{{- required "host is required: the tenant's host name, for example --set host=acme.partner.com" .Values.host }}
{{- end }}

{{/*
"true" when the values hold an OAuth seed; fails when only part of one is given, or together with
credentialsSecretName (the origin can name one Secret).
*/}}
{{- define "tenant.oauth" -}}
{{- $o := .Values.oauth | default dict }}
{{- $given := list }}
{{- $missing := list }}
{{- range $key := list "clientId" "clientSecret" "refreshToken" }}
{{- if get $o $key }}{{ $given = append $given $key }}{{ else }}{{ $missing = append $missing $key }}{{ end }}
{{- end }}
{{- if and $given $missing }}
{{- fail (printf "oauth needs clientId, clientSecret and refreshToken: %s missing" (join " and " $missing)) }}
{{- end }}
{{- if and $given .Values.credentialsSecretName }}
{{- fail "give either credentialsSecretName or oauth, not both: the origin uses one Secret" }}
{{- end }}
{{- if $given }}true{{ end }}
{{- end }}

{{- define "tenant.oauthSecretName" -}}
{{- printf "%s-gong-oauth" (include "tenant.fullname" .) | trunc 253 }}
{{- end }}
