using System.Text.Json.Serialization.Metadata;

namespace Labels.Api;

/// <summary>
/// A body's property the document says is required (a constructor parameter with no default that cannot be null, see
/// <c>NonNullableReferenceTypesAsRequired</c> and the value types) is required when the body is read: left out, it is a
/// 400 naming it, where the serializer would give it its type's default — a fiche <c>enCours: false</c>, a juror some
/// <c>qualite</c>, a criterion <c>min: 0</c> nobody sent.
/// </summary>
internal static class ProprietesRequises
{
    public static void Marquer(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var propriete in type.Properties)
            if (propriete.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                propriete.IsRequired = true;
    }
}
