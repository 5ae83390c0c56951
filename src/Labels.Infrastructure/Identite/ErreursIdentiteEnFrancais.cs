using Microsoft.AspNetCore.Identity;

namespace Labels.Infrastructure.Identite;

/// <summary>Identity's messages (password rules, duplicates) in the language of the API's users.</summary>
internal sealed class ErreursIdentiteEnFrancais : IdentityErrorDescriber
{
    private static IdentityError Erreur(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Erreur(nameof(DefaultError), "Une erreur inconnue s'est produite.");
    public override IdentityError PasswordMismatch() => Erreur(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError InvalidEmail(string? email) => Erreur(nameof(InvalidEmail), $"L'adresse e-mail « {email} » n'est pas valide.");
    public override IdentityError InvalidUserName(string? userName) => Erreur(nameof(InvalidUserName), $"L'identifiant « {userName} » n'est pas valide.");
    public override IdentityError DuplicateEmail(string email) => Erreur(nameof(DuplicateEmail), $"Un compte existe déjà pour {email}.");
    public override IdentityError DuplicateUserName(string userName) => Erreur(nameof(DuplicateUserName), $"Un compte existe déjà pour {userName}.");
    public override IdentityError PasswordTooShort(int length) => Erreur(nameof(PasswordTooShort), $"Le mot de passe doit faire au moins {length} caractères.");
    public override IdentityError PasswordRequiresDigit() => Erreur(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => Erreur(nameof(PasswordRequiresLower), "Le mot de passe doit contenir au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => Erreur(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir au moins une majuscule.");
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Erreur(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir au moins un caractère qui n'est ni une lettre ni un chiffre.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Erreur(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");
    public override IdentityError UserLockoutNotEnabled() => Erreur(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError UserAlreadyHasPassword() => Erreur(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserAlreadyInRole(string role) => Erreur(nameof(UserAlreadyInRole), $"Ce compte a déjà le rôle {role}.");
    public override IdentityError UserNotInRole(string role) => Erreur(nameof(UserNotInRole), $"Ce compte n'a pas le rôle {role}.");
    public override IdentityError InvalidRoleName(string? role) => Erreur(nameof(InvalidRoleName), $"Le rôle « {role} » n'est pas valide.");
    public override IdentityError DuplicateRoleName(string role) => Erreur(nameof(DuplicateRoleName), $"Le rôle {role} existe déjà.");
    public override IdentityError ConcurrencyFailure() => Erreur(nameof(ConcurrencyFailure), "Le compte a changé entre-temps ; recommencez.");
    public override IdentityError InvalidToken() => Erreur(nameof(InvalidToken), "Jeton invalide.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Erreur(nameof(RecoveryCodeRedemptionFailed), "Code de récupération refusé.");
    public override IdentityError LoginAlreadyAssociated() => Erreur(nameof(LoginAlreadyAssociated), "Cette connexion est déjà associée à un compte.");
}
