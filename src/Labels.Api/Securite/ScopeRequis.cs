namespace Labels.Api.Securite;

/// <summary>The scope a route asks of an API token; a token without it is refused (403).</summary>
public sealed record ScopeRequis(string Scope);
