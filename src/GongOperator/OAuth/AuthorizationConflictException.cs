namespace GongOperator.OAuth;

/// <summary>The state Secret changed (or was created) since it was read: another writer got there first.</summary>
public sealed class AuthorizationConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthorizationConflictException()
        : base("The OAuth state Secret was written by someone else since it was read.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuthorizationConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuthorizationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
