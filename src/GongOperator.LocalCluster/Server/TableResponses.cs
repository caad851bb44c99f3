using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Tables;

namespace GongOperator.LocalCluster.Server;

/// <summary>Chooses server-side printing (meta.k8s.io/v1 Table) from the Accept header, and the Table writer for a resource.</summary>
internal static class TableResponses
{
    /// <summary>True when the Accept header lists <c>application/json;as=Table;v=v1;g=meta.k8s.io</c> (kubectl get puts it first).</summary>
    public static bool Wanted(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var part in accept.Split(','))
        {
            var p = part.Replace(" ", "", StringComparison.Ordinal);
            var parameters = p.Split(';');
            if (parameters.Contains("as=Table") && parameters.Contains("g=meta.k8s.io") && parameters.Contains("v=v1"))
            {
                return true;
            }

            if (parameters[0] is "application/json" or "*/*" && !p.Contains("as=", StringComparison.Ordinal))
            {
                // A plain JSON alternative listed before any v1 Table: the client prefers plain objects.
                return false;
            }
        }

        return false;
    }

    public static TableWriter WriterFor(ResourceType type, TimeProvider time) =>
        type.IsCustom
            ? TableWriter.ForCustomResource(PrinterColumn.FromCrd(type.PrinterColumns), time)
            : TableWriter.ForBuiltIn(type.Group, type.Kind, time);
}
