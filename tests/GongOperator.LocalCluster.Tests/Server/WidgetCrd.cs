namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>The test CRD: example.com/v1 Widget (plural widgets, short name wd), with status subresource, printer columns, defaults and validation.</summary>
internal static class WidgetCrd
{
    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            listKind: WidgetList
            shortNames: [wd]
            categories: [examples]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: string
              description: Size class of the widget
              jsonPath: .spec.size
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Ready
              type: string
              jsonPath: .status.conditions[?(@.type=="Ready")].status
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                description: Widget is a test resource of the embedded API server.
                required: [spec]
                properties:
                  apiVersion:
                    type: string
                  kind:
                    type: string
                  metadata:
                    type: object
                  spec:
                    type: object
                    description: What the widget should look like.
                    required: [size]
                    properties:
                      size:
                        type: string
                        description: Size class of the widget.
                        enum: [small, medium, large]
                      replicas:
                        type: integer
                        minimum: 0
                        maximum: 10
                        default: 1
                      color:
                        type: string
                        pattern: '^#[0-9a-f]{6}$'
                      owner:
                        type: string
                        maxLength: 20
                  status:
                    type: object
                    default:
                      observedGeneration: 0
                    properties:
                      observedGeneration:
                        type: integer
                      conditions:
                        type: array
                        items:
                          type: object
                          required: [type, status]
                          properties:
                            type:
                              type: string
                            status:
                              type: string
                            reason:
                              type: string
                            message:
                              type: string
                            lastTransitionTime:
                              type: string
                              format: date-time
                            observedGeneration:
                              type: integer
        """;

    public static string Json => GongOperator.LocalCluster.Serialization.YamlToJson.Parse(Yaml)!.ToJsonString();
}
