using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>
/// An immutable snapshot of the <c>/openapi/v3</c> tree for a set of served resources: the root
/// listing and one document per group-version, each with a content hash. Rebuild it whenever the
/// set of resources or a CRD schema changes; unchanged documents keep their hash.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly Dictionary<string, OpenApiDocument> _documents;

    private OpenApiDocuments(Dictionary<string, OpenApiDocument> documents, string rootJson)
    {
        _documents = documents;
        RootJson = rootJson;
    }

    /// <summary>The root listing <c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}</c>.</summary>
    public string RootJson { get; }

    /// <summary>Documents keyed by their root listing path (<c>api/v1</c>, <c>apis/example.com/v1</c>).</summary>
    public IReadOnlyDictionary<string, OpenApiDocument> Documents => _documents;

    /// <summary>Builds every group-version document for <paramref name="resources"/>.</summary>
    /// <param name="resources">Every served resource (built-in and custom).</param>
    /// <param name="kubernetesVersion">The server's gitVersion, shown in built-in documents' info.</param>
    public static OpenApiDocuments Build(IEnumerable<OpenApiResource> resources, string kubernetesVersion = "v1.28.4")
    {
        ArgumentNullException.ThrowIfNull(resources);
        var byGroupVersion = resources
            .GroupBy(r => OpenApiNames.GroupVersionPath(r.Group, r.Version), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        var docs = new Dictionary<string, OpenApiDocument>(StringComparer.Ordinal);
        var rootPaths = new JsonObject();
        foreach (IGrouping<string, OpenApiResource> gv in byGroupVersion)
        {
            JsonObject doc = GroupVersionDocumentBuilder.Build(gv.ToList(), kubernetesVersion);
            string json = doc.ToJsonString();
            string hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)));
            var document = new OpenApiDocument(gv.Key, json, hash);
            docs[gv.Key] = document;
            rootPaths[gv.Key] = new JsonObject { ["serverRelativeURL"] = document.ServerRelativeUrl };
        }

        string root = new JsonObject { ["paths"] = rootPaths }.ToJsonString();
        return new OpenApiDocuments(docs, root);
    }

    /// <summary>
    /// Finds a document by request path: <c>/openapi/v3/apis/example.com/v1</c>, <c>apis/example.com/v1</c>
    /// or either with a <c>?hash=</c> query (the hash itself is not required to match).
    /// </summary>
    public OpenApiDocument? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path;
        int q = p.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            p = p[..q];
        }

        p = p.Trim('/');
        const string Prefix = "openapi/v3/";
        if (p.StartsWith(Prefix, StringComparison.Ordinal))
        {
            p = p[Prefix.Length..];
        }

        return _documents.TryGetValue(p, out OpenApiDocument? doc) ? doc : null;
    }
}
