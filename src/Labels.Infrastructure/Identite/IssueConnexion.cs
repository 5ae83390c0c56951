
namespace Labels.Infrastructure.Identite;

public enum IssueConnexion { Reussie, Identifiants, Verrouillee, Desactive }
