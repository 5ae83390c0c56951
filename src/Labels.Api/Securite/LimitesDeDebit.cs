
namespace Labels.Api.Securite;

/// <summary>Requests per minute and per client address (configuration section <c>LimitesDeDebit</c>; 0 = no limit).</summary>
public sealed class LimitesDeDebit
{
    public int Authentification { get; set; } = 10;
    public int LecturePublique { get; set; } = 1_200;
}
