using Labels.Domain.Commun;

namespace Labels.Domain.Tests;

public sealed class CodesOfficielsTests
{
    [Theory]
    [InlineData("62041", true)]
    [InlineData("2A004", true)]
    [InlineData("2B033", true)]
    [InlineData("97101", true)]
    [InlineData("6204", false)]
    [InlineData("620410", false)]
    [InlineData("2C004", false)]
    [InlineData("A2004", false)]
    [InlineData("62 41", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Code_insee(string? code, bool valide) => Assert.Equal(valide, CodesOfficiels.EstCodeInseeValide(code));

    [Theory]
    [InlineData("200033579", true)] // CU d'Arras
    [InlineData("216200410", true)] // commune d'Arras
    [InlineData("200033578", false)] // wrong check digit
    [InlineData("20003357", false)]
    [InlineData("2000335790", false)]
    [InlineData("20003357A", false)]
    [InlineData(null, false)]
    public void Siren_avec_cle_de_luhn(string? siren, bool valide) => Assert.Equal(valide, CodesOfficiels.EstSirenValide(siren));
}
