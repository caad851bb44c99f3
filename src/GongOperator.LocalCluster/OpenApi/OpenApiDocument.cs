using System.Text;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>One serialized group-version document of <c>/openapi/v3</c>.</summary>
/// <param name="Path">The root listing key: <c>api/v1</c> or <c>apis/{group}/{version}</c>.</param>
/// <param name="Json">The compact JSON document.</param>
/// <param name="Hash">Upper-case hex SHA-512 of <see cref="Json"/>; it changes whenever the document does.</param>
internal sealed record OpenApiDocument(string Path, string Json, string Hash)
{
    /// <summary>The URL the root listing points to: <c>/openapi/v3/{Path}?hash={Hash}</c>.</summary>
    public string ServerRelativeUrl => "/openapi/v3/" + Path + "?hash=" + Hash;

    /// <summary>UTF-8 bytes of <see cref="Json"/>, for serving.</summary>
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Json);

    /// <summary>The value for an <c>ETag</c> header (quoted hash), as the real server sends it.</summary>
    public string ETag => "\"" + Hash + "\"";
}
