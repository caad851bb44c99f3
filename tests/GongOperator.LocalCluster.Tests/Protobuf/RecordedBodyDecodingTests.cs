using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class RecordedBodyDecodingTests
{
    [Fact]
    public void Kubectl_create_namespace_body_decodes_to_the_namespace_json()
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(RecordedBodies.NamespaceSample));

        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"sample"},"spec":{},"status":{}}""",
            json);
    }

    [Fact]
    public void Second_kubectl_namespace_body_decodes_with_its_own_name()
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(RecordedBodies.NamespaceSample2));

        Assert.Equal("sample-2", json["metadata"]?["name"]?.GetValue<string>());
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], json.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Helm_release_secret_create_decodes_labels_type_and_data()
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(RecordedBodies.HelmReleaseSecretCreate));

        Assert.Equal("v1", json["apiVersion"]?.GetValue<string>());
        Assert.Equal("Secret", json["kind"]?.GetValue<string>());
        Assert.Equal("helm.sh/release.v1", json["type"]?.GetValue<string>());
        JsonAssert.Equal(
            """
            {"name":"sh.helm.release.v1.shop.v1",
             "labels":{"createdAt":"1795453262","name":"shop","owner":"helm","status":"pending-install","version":"1"}}
            """,
            json["metadata"]);
        var data = Assert.IsType<JsonObject>(json["data"]);
        Assert.Equal(["release"], data.Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Helm_release_secret_data_is_base64_of_the_bytes_helm_sent()
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(RecordedBodies.HelmReleaseSecretUpdate));

        // Helm stores base64(gzip(release JSON)) as the Secret value; JSON carries base64 of those bytes.
        var value = Convert.FromBase64String(json["data"]!["release"]!.GetValue<string>());
        var gzipped = Convert.FromBase64String(Encoding.ASCII.GetString(value));
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        var release = JsonNode.Parse(gzip)!;

        Assert.Equal("shop", release["name"]?.GetValue<string>());
        Assert.Equal("deployed", json["metadata"]!["labels"]!["status"]?.GetValue<string>());
        Assert.Equal("sh.helm.release.v1.shop.v1", json["metadata"]!["name"]?.GetValue<string>());
    }

    [Fact]
    public void Helm_delete_options_body_decodes_to_empty_options()
    {
        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(RecordedBodies.HelmDeleteOptions));

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"DeleteOptions"}""", json);
    }

    [Theory]
    [MemberData(nameof(KubectlCreateBodies.Names), MemberType = typeof(KubectlCreateBodies))]
    public void Kubectl_create_body_decodes_to_the_json_kubectl_prints_for_the_same_object(string name)
    {
        var (command, base64, expectedJson) = KubectlCreateBodies.Get(name);

        var json = KubernetesProtobuf.Decode(Convert.FromBase64String(base64));

        Assert.False(string.IsNullOrEmpty(command));
        JsonAssert.Equal(expectedJson, json);
    }
}
