namespace GongOperator.LocalCluster.Schema;

/// <summary>The JSON type of a value as the Kubernetes decoder sees it (integers and floats differ).</summary>
internal enum JsonKind
{
    Null,
    Object,
    Array,
    String,
    Boolean,
    Integer,
    Number,
}
