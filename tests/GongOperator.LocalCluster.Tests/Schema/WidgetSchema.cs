using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Schema;

/// <summary>The openAPIV3Schema of the recorded example.com/v1 Widget CRD, rewritten as a literal.</summary>
internal static class WidgetSchema
{
    public const string Json = """
        {
          "type": "object",
          "description": "Widget is an example resource used to record API server behaviour.",
          "required": ["spec"],
          "properties": {
            "apiVersion": { "type": "string", "description": "APIVersion defines the versioned schema of this representation of an object." },
            "kind": { "type": "string", "description": "Kind is a string value representing the REST resource this object represents." },
            "metadata": { "type": "object" },
            "spec": {
              "type": "object",
              "description": "WidgetSpec is the desired state of a Widget.",
              "required": ["size", "color"],
              "x-kubernetes-validations": [
                { "rule": "!has(self.maxReplicas) || self.replicas <= self.maxReplicas", "message": "replicas must not exceed maxReplicas" }
              ],
              "properties": {
                "size": { "type": "string", "description": "Size class of the widget.", "enum": ["small", "medium", "large"] },
                "color": { "type": "string", "description": "Colour as a lower-case hex RGB value such as \"#3366ff\".", "pattern": "^#[0-9a-f]{6}$" },
                "replicas": { "type": "integer", "format": "int32", "description": "Desired number of replicas.", "minimum": 1, "maximum": 10, "default": 1 },
                "maxReplicas": { "type": "integer", "format": "int32", "description": "Upper bound for replicas.", "minimum": 1, "maximum": 20 },
                "owner": { "type": "string", "description": "Team that owns the widget.", "maxLength": 32 }
              }
            },
            "status": {
              "type": "object",
              "description": "WidgetStatus is the observed state of a Widget.",
              "properties": {
                "phase": { "type": "string", "description": "Coarse lifecycle phase." },
                "observedGeneration": { "type": "integer", "format": "int64", "description": "Generation most recently observed by the controller." },
                "conditions": {
                  "type": "array",
                  "description": "Current conditions of the widget.",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["type"],
                  "items": {
                    "type": "object",
                    "required": ["type", "status"],
                    "properties": {
                      "type": { "type": "string", "description": "Type of the condition, e.g. Ready." },
                      "status": { "type": "string", "description": "Status of the condition.", "enum": ["True", "False", "Unknown"] },
                      "reason": { "type": "string", "description": "Machine-readable reason." },
                      "message": { "type": "string", "description": "Human-readable message." },
                      "lastTransitionTime": { "type": "string", "format": "date-time", "description": "Last time the condition changed." },
                      "observedGeneration": { "type": "integer", "format": "int64", "description": "Generation the condition was set for." }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    public static JsonObject Node() => JsonNode.Parse(Json)!.AsObject();

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
