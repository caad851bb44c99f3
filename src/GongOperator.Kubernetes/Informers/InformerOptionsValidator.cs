using Microsoft.Extensions.Options;

namespace GongOperator.Kubernetes.Informers;

/// <summary>The rules of <see cref="InformerOptions"/>, checked at start (and by the informer's constructor).</summary>
public sealed class InformerOptionsValidator : IValidateOptions<InformerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MinWatchTimeout < TimeSpan.FromSeconds(1) || options.MaxWatchTimeout < options.MinWatchTimeout)
        {
            failures.Add("InformerOptions: MinWatchTimeout must be at least 1 s and MaxWatchTimeout at least MinWatchTimeout.");
        }

        if (options.PageSize < 1)
        {
            failures.Add("InformerOptions: PageSize must be at least 1.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("InformerOptions: InitialBackoff must be above 0 and MaxBackoff at least InitialBackoff.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
