namespace Labels.Application.Commun;

/// <summary>Unknown, or not visible to this caller (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller is known but may not do this (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The caller's precondition (If-Match) no longer holds: the resource changed (HTTP 412).</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>A write that must be conditional came without its precondition (HTTP 428).</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);

/// <summary>
/// A unique index of the store refused the write: the record already exists (HTTP 409). The message, for the caller, names it.
/// </summary>
public sealed class UniciteException(string message, Exception inner) : Exception(message, inner);
