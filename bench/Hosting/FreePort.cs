using System.Net;
using System.Net.Sockets;

namespace GongOperator.Bench.Hosting;

/// <summary>
/// A free loopback port for the operator's metrics and probes: <c>run</c> prints no line naming the ports it bound, so
/// the bench picks them (the port is free when picked; another process taking it in between is unlikely on loopback).
/// </summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
