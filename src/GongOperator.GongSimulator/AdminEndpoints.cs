using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>The admin API under <c>/_simulator</c>: faults, conflict and registration modes, companies, the call list, registrations, reset.</summary>
internal sealed class AdminEndpoints(SimulatorState state, ILogger logger)
{
    public const string Prefix = "/_simulator";

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Prefix + "/faults", (RequestDelegate)(c => WriteAsync(c, 200, state.GetFaults(), SimulatorJsonContext.Default.SimulatorFaultState)));
        routes.MapPost(Prefix + "/faults", (RequestDelegate)PostFaultsAsync);
        routes.MapDelete(Prefix + "/faults", (RequestDelegate)(c =>
        {
            Log.Admin(logger, "faults cleared");
            return WriteAsync(c, 200, state.ClearFaults(), SimulatorJsonContext.Default.SimulatorFaultState);
        }));
        routes.MapPost(Prefix + "/conflict-mode", (RequestDelegate)(c =>
            PostModeAsync(c, SimulatorModes.ParseConflictMode, "mode must be 'conflict' or 'ok'", state.SetConflictMode, "conflict mode set")));
        routes.MapPost(Prefix + "/registration-mode", (RequestDelegate)(c =>
            PostModeAsync(c, SimulatorModes.ParseRegistrationMode, "mode must be 'add' or 'replace'", state.SetRegistrationMode, "registration mode set")));
        routes.MapGet(Prefix + "/companies", (RequestDelegate)(c => WriteAsync(c, 200, state.GetCompanies(), SimulatorJsonContext.Default.IReadOnlyListSimulatedCompanyStatus)));
        routes.MapGet(Prefix + "/calls", (RequestDelegate)(c => WriteAsync(c, 200, state.GetCalls(), SimulatorJsonContext.Default.IReadOnlyListSimulatedCall)));
        routes.MapDelete(Prefix + "/calls", (RequestDelegate)(c =>
        {
            state.ClearCalls();
            Log.Admin(logger, "calls cleared");
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
        routes.MapGet(Prefix + "/registrations", (RequestDelegate)(c => WithCompanyAsync(c, company =>
            WriteAsync(c, 200, state.GetRegistrations(company), SimulatorJsonContext.Default.IReadOnlyListSimulatedRegistration))));
        routes.MapDelete(Prefix + "/registrations", (RequestDelegate)(c => WithCompanyAsync(c, company =>
        {
            state.ClearRegistrations(company);
            Log.Admin(logger, "registrations cleared");
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        })));
        routes.MapGet(Prefix + "/oauth", (RequestDelegate)(c => WriteAsync(c, 200, state.OAuth.GetStatus(), SimulatorJsonContext.Default.IReadOnlyListSimulatedAuthorizationStatus)));
        routes.MapPost(Prefix + "/oauth/revoke", (RequestDelegate)(c => WithAuthorizationAsync(c, company =>
        {
            state.OAuth.Revoke(company);
            Log.Admin(logger, "OAuth authorization revoked");
            return WriteAsync(c, 200, state.OAuth.GetStatus(), SimulatorJsonContext.Default.IReadOnlyListSimulatedAuthorizationStatus);
        })));
        routes.MapPost(Prefix + "/oauth/seed", (RequestDelegate)(c => WithAuthorizationAsync(c, company =>
        {
            var seed = state.OAuth.IssueSeed(company);
            Log.Admin(logger, "OAuth authorization re-issued");
            return WriteAsync(c, 200, new SeedAnswer(company, seed), SimulatorJsonContext.Default.SeedAnswer);
        })));
        routes.MapPost(Prefix + "/reset", (RequestDelegate)(c =>
        {
            state.Reset();
            Log.Admin(logger, "state reset");
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }));
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        return GongEndpoint.WriteJsonAsync(context.Response, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, new AdminErrorBody([error]), SimulatorJsonContext.Default.AdminErrorBody);

    private static async Task<(bool Ok, T? Value)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
            if (value is not null)
            {
                return (true, value);
            }
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, 400, $"the body is not valid JSON for this endpoint: {e.Message}").ConfigureAwait(false);
            return (false, null);
        }

        await ErrorAsync(context, 400, "the body must be a JSON object").ConfigureAwait(false);
        return (false, null);
    }

    private Task WithCompanyAsync(HttpContext context, Func<string?, Task> action)
    {
        var company = context.Request.Query["company"].ToString();
        if (company.Length == 0)
        {
            return action(null);
        }

        return state.HasCompany(company)
            ? action(company)
            : ErrorAsync(context, 404, $"'{company}' is not a configured company");
    }

    private Task WithAuthorizationAsync(HttpContext context, Func<string, Task> action)
    {
        var company = context.Request.Query["company"].ToString();
        return state.OAuth.Serves(company)
            ? action(company)
            : ErrorAsync(context, 404, $"'{company}' is not a company with an OAuth authorization (name it with ?company=NAME)");
    }

    private async Task PostFaultsAsync(HttpContext context)
    {
        var (ok, spec) = await ReadAsync(context, SimulatorJsonContext.Default.SimulatorFaultSpec).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        SimulatorFaultState faults;
        try
        {
            faults = state.InjectFaults(spec!);
        }
        catch (ArgumentException e)
        {
            await ErrorAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }

        Log.Admin(logger, "faults injected");
        await WriteAsync(context, 200, faults, SimulatorJsonContext.Default.SimulatorFaultState).ConfigureAwait(false);
    }

    /// <summary>Sets a mode for every company or the one named: 400 for a mode that is not one of the words, 404 for an unknown company.</summary>
    private async Task PostModeAsync<TMode>(HttpContext context, Func<string?, TMode?> parse, string modeError, Action<TMode, string?> apply, string done)
        where TMode : struct
    {
        var (ok, request) = await ReadAsync(context, SimulatorJsonContext.Default.ModeRequest).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        if (parse(request!.Mode) is not { } mode)
        {
            await ErrorAsync(context, 400, modeError).ConfigureAwait(false);
            return;
        }

        if (request.Company is { } company && !state.HasCompany(company))
        {
            await ErrorAsync(context, 404, $"'{company}' is not a configured company").ConfigureAwait(false);
            return;
        }

        apply(mode, request.Company);
        Log.Admin(logger, done);
        await WriteAsync(context, 200, state.GetCompanies(), SimulatorJsonContext.Default.IReadOnlyListSimulatedCompanyStatus).ConfigureAwait(false);
    }
}
