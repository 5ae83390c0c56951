namespace Labels.Api.Securite;

public static class ScopesExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequis(scope));
}
