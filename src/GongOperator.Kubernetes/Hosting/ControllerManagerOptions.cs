using GongOperator.Kubernetes.LeaderElection;

namespace GongOperator.Kubernetes.Hosting;

/// <summary>Settings of a <see cref="ControllerManager"/>.</summary>
public sealed record ControllerManagerOptions
{
    /// <summary>Leader election; null runs the controllers without it (one replica, or tests).</summary>
    public LeaderElectionOptions? LeaderElection { get; set; }
}
