using System.Globalization;
using GongOperator.Gong;
using GongOperator.Reconciliation;
using Microsoft.Extensions.Logging;

namespace GongOperator.OAuth;

/// <summary>
/// One customer's OAuth authorization, inside one process. One refresh at a time (callers that need a token wait for
/// it); the state Secret is read from the API server before a refresh and claimed with optimistic concurrency, so a
/// second process waits instead of spending the same refresh token; the new refresh token is saved before the new
/// access token is used, retried from memory when saving fails, and the spent one is never sent again. After the token
/// endpoint fails (5xx, 429, a timeout), no refresh is sent before its Retry-After or an origin's backoff, whichever is
/// later: every caller meanwhile hears the same failure, so many origins needing a token do not each send one.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose AvailableWaitHandle is never read holds nothing to dispose; an authorization lives as long as the process.")]
internal sealed class Authorization(
    IAuthorizationStore store,
    IGongTokenClient tokens,
    OAuthOptions options,
    string holder,
    Uri defaultBaseUrl,
    TimeProvider time,
    ILogger logger)
{
    private const int ClaimAttempts = 3;
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxHold = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StoredAuthorization? _current;
    private (AuthorizationState State, string Version, string Spent)? _unsaved;
    private Task _refreshing = Task.CompletedTask;
    private DateTimeOffset? _claimEnds;
    private (string? SeedUid, string SeedFingerprint, Unavailable Failure)? _heldBack;
    private int _failedRefreshes;

    /// <summary>A refresh (with the saving of its answer) under way, for a graceful stop to wait for.</summary>
    public Task Refreshing => _refreshing;

    /// <summary>
    /// The company with a usable access token. <paramref name="refused"/> is an access token Gong just answered 401 to:
    /// if it is still the current one, it is refreshed once; if a refresh already replaced it, the newer one is given.
    /// </summary>
    public async Task<OAuthAccess> GetAsync(OAuthSeed seed, string? refused, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_unsaved is not null && !await SaveUnsavedAsync(seed).ConfigureAwait(false))
            {
                return NotReady("the new OAuth refresh token could not be saved to the state Secret yet", null);
            }

            var now = time.GetUtcNow();
            if (_current is { State: var mine } && mine.CameFrom(seed) && mine.RevokedBecause is null
                && mine.UsableAccessToken(now) is { } token && token != refused)
            {
                return Access(seed, mine);
            }

            if (_heldBack is { } held && held.SeedUid == seed.Uid && held.SeedFingerprint == seed.RefreshTokenFingerprint && now < held.Failure.RetryNotBefore)
            {
                // A new refresh token in the seed (re-authorization) is not held back: it has not failed.
                return new OAuthAccess(null, held.Failure);
            }

            var patience = time.GetUtcNow() + options.ClaimPatience;
            var conflicts = 0;
            while (true)
            {
                try
                {
                    if (await RefreshIfNeededAsync(seed, refused, cancellationToken).ConfigureAwait(false) is { } access)
                    {
                        return access;
                    }

                    // Another process is refreshing (a leader change mid-refresh): its answer is saved within moments, so
                    // read again shortly rather than fail every call until the claim ends.
                    if (time.GetUtcNow() + ClaimPoll > patience)
                    {
                        return NotReady("another gong-operator process is refreshing this OAuth authorization", _claimEnds);
                    }

                    await Task.Delay(ClaimPoll, time, cancellationToken).ConfigureAwait(false);
                }
                catch (AuthorizationConflictException) when (++conflicts < ClaimAttempts)
                {
                    // Someone wrote the state since it was read: read it again (it may hold a fresh token now).
                }
                catch (AuthorizationConflictException)
                {
                    return NotReady("the OAuth state Secret keeps changing under this operator", null);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The access to give, or null while another process's claim on the refresh is live.</summary>
    private async Task<OAuthAccess?> RefreshIfNeededAsync(OAuthSeed seed, string? refused, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(seed.Secret, cancellationToken).ConfigureAwait(false);
        if (stored is null || !stored.State.CameFrom(seed))
        {
            // First use, or a person put a new refresh token into the seed (re-authorization): the seed wins.
            Log.Reseeded(logger, seed.Secret, stored is null);
            stored = await store.WriteAsync(seed.Secret, AuthorizationState.FromSeed(seed), stored?.Version, cancellationToken).ConfigureAwait(false);
        }

        _current = stored;
        var state = stored.State;
        if (state.RevokedBecause is { } revoked)
        {
            return new OAuthAccess(null, new AuthorizationRevoked(StatusOf(revoked), ErrorOf(revoked)));
        }

        var now = time.GetUtcNow();
        if (state.UsableAccessToken(now) is { } token && token != refused)
        {
            return Access(seed, state);
        }

        string? interrupted = null;
        if (state.RefreshingBy is { } other && other != holder && state.RefreshingSince is { } since)
        {
            if (now < since + options.ClaimTimeout)
            {
                _claimEnds = since + options.ClaimTimeout;
                return null;
            }

            // Its claimer never saved an answer: it died, before or after Gong answered. The stored token is the only one there is.
            interrupted = other;
            Log.ClaimExpired(logger, seed.Secret, other, since);
        }

        var claimed = await store.WriteAsync(seed.Secret, state with { RefreshingBy = holder, RefreshingSince = now }, stored.Version, cancellationToken).ConfigureAwait(false);
        _current = claimed;

        // From here nothing cancels: once the request may have reached Gong, its answer must be saved.
        var refresh = RefreshAsync(seed, claimed, interrupted);
        _refreshing = refresh;
        return await refresh.ConfigureAwait(false);
    }

    private async Task<OAuthAccess> RefreshAsync(OAuthSeed seed, StoredAuthorization claimed, string? interrupted)
    {
        var spent = claimed.State.RefreshToken;
        var result = await tokens.RefreshAsync(options.TokenUrl, seed.Client, spent, CancellationToken.None).ConfigureAwait(false);
        var answeredAt = time.GetUtcNow();
        if (result.Grant is { } grant)
        {
            var next = claimed.State with
            {
                RefreshToken = grant.RefreshToken,
                AccessToken = grant.AccessToken,
                IssuedAt = answeredAt,
                ExpiresAt = answeredAt + grant.ExpiresIn,
                ApiBaseUrl = grant.ApiBaseUrl ?? claimed.State.ApiBaseUrl,
                RefreshingBy = null,
                RefreshingSince = null,
            };
            _unsaved = (next, claimed.Version, spent);
            _heldBack = null;
            _failedRefreshes = 0;
            Log.Refreshed(logger, seed.Secret, grant.ExpiresIn);
            return await SaveUnsavedAsync(seed).ConfigureAwait(false)
                ? Access(seed, next)
                : NotReady("the new OAuth refresh token could not be saved to the state Secret yet", null);
        }

        var cleared = claimed.State with { RefreshingBy = null, RefreshingSince = null };
        if (result.Failure is AuthorizationRevoked revoked)
        {
            var because = string.Create(CultureInfo.InvariantCulture, $"{revoked.StatusCode} {revoked.Error}").Trim();
            if (interrupted is not null)
            {
                because += " after a refresh by " + interrupted + " was interrupted";
            }

            Log.Revoked(logger, seed.Secret, because);
            _heldBack = null;
            _failedRefreshes = 0;
            await TryWriteAsync(seed, cleared with { RevokedBecause = because }, claimed.Version).ConfigureAwait(false);
            return new OAuthAccess(null, revoked);
        }

        var failure = result.Failure as Unavailable ?? Unavailable.InternalClientError();
        if (_heldBack is { } before && (before.SeedUid != seed.Uid || before.SeedFingerprint != seed.RefreshTokenFingerprint))
        {
            // A new seed starts its backoff afresh: the failures counted were the old refresh token's.
            _failedRefreshes = 0;
        }

        var backoff = answeredAt + Backoff.AfterTransientFailure(++_failedRefreshes);
        // A Retry-After is obeyed up to an hour: a proxy's absurd value must not hold an authorization for good.
        var told = failure.RetryNotBefore is { } at ? (at < answeredAt + MaxHold ? at : answeredAt + MaxHold) : backoff;
        var held = failure.WithRetryNotBefore(told > backoff ? told : backoff);
        _heldBack = (seed.Uid, seed.RefreshTokenFingerprint, held);
        Log.RefreshHeldBack(logger, seed.Secret, failure.Reason, held.RetryNotBefore!.Value);
        await TryWriteAsync(seed, cleared, claimed.Version).ConfigureAwait(false);
        return new OAuthAccess(null, held);
    }

    /// <summary>Saves the grant kept in memory, with backoff, within the save budget; true once it is saved.</summary>
    private async Task<bool> SaveUnsavedAsync(OAuthSeed seed)
    {
        var deadline = time.GetUtcNow() + options.SaveRetryBudget;
        var delay = TimeSpan.FromMilliseconds(100);
        while (_unsaved is { } unsaved)
        {
            try
            {
                _current = await store.WriteAsync(seed.Secret, unsaved.State, unsaved.Version, CancellationToken.None).ConfigureAwait(false);
                _unsaved = null;
                return true;
            }
            catch (AuthorizationConflictException)
            {
                // Written over since the claim. Unless a person re-seeded it meanwhile, the token in memory is the only live one: keep it.
                var stored = await TryReadAsync(seed).ConfigureAwait(false);
                if (stored is not null && stored.State.SeedRefreshTokenSha256 != unsaved.State.SeedRefreshTokenSha256)
                {
                    _unsaved = null;
                    _current = stored;
                    return false;
                }

                _unsaved = unsaved with { Version = stored?.Version! };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SaveFailed(logger, seed.Secret, e.GetType().Name);
            }

            if (time.GetUtcNow() + delay > deadline)
            {
                return false;
            }

            await Task.Delay(delay, time).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }

        return true;
    }

    private async Task<StoredAuthorization?> TryReadAsync(OAuthSeed seed)
    {
        try
        {
            return await store.ReadAsync(seed.Secret, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SaveFailed(logger, seed.Secret, e.GetType().Name);
            return null;
        }
    }

    private async Task TryWriteAsync(OAuthSeed seed, AuthorizationState state, string version)
    {
        try
        {
            _current = await store.WriteAsync(seed.Secret, state, version, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the claim or the revoked mark is lost: the next attempt reads the Secret again.
            _current = null;
            Log.SaveFailed(logger, seed.Secret, e.GetType().Name);
        }
    }

    // Always incremental: a fullSet call carries the set of origins resolved to a company from the cache, which an OAuth
    // seed (whose company exists only once a token does) is not part of, so under fullSet the call would carry a set
    // without them, and a Gong that replaces would drop them. The README says fullSet does not apply to OAuth seeds.
    private OAuthAccess Access(OAuthSeed seed, AuthorizationState state) =>
        new(new GongCompany(seed.BaseUrl ?? state.ApiBaseUrl ?? defaultBaseUrl, new BearerCredentials(state.AccessToken!, seed.Company)) { Strategy = RegistrationStrategyKind.Incremental }, null);

    private static OAuthAccess NotReady(string reason, DateTimeOffset? retryAt) => new(null, Unavailable.AuthorizationNotReady(reason, retryAt));

    private static int StatusOf(string because) =>
        int.TryParse(because.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 400;

    private static string? ErrorOf(string because) => because.Split(' ', 2) is [_, var rest] ? rest : null;
}
