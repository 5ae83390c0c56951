namespace Labels.Application.Commun;

/// <summary>Unknown, or not visible to this caller (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller is known but may not do this (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
