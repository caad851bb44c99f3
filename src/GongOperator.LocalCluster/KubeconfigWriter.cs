using System.Text;

namespace GongOperator.LocalCluster;

/// <summary>Writes the kubeconfig clients use: cluster, user (bearer token) and context all named <c>local</c>.</summary>
internal static class KubeconfigWriter
{
    public static void Write(string path, Uri server, string token, byte[]? caCertificatePem)
    {
        var builder = new StringBuilder();
        builder.Append("apiVersion: v1\n");
        builder.Append("kind: Config\n");
        builder.Append("clusters:\n");
        builder.Append("- name: local\n");
        builder.Append("  cluster:\n");
        builder.Append("    server: ").Append(server.GetLeftPart(UriPartial.Authority)).Append('\n');
        if (caCertificatePem is not null)
        {
            builder.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(caCertificatePem)).Append('\n');
        }

        builder.Append("users:\n");
        builder.Append("- name: local\n");
        builder.Append("  user:\n");
        builder.Append("    token: ").Append(token).Append('\n');
        builder.Append("contexts:\n");
        builder.Append("- name: local\n");
        builder.Append("  context:\n");
        builder.Append("    cluster: local\n");
        builder.Append("    user: local\n");
        builder.Append("    namespace: default\n");
        builder.Append("current-context: local\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, builder.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
