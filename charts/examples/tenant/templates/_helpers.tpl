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
