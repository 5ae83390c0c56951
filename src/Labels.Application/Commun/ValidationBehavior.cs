using FluentValidation;
using Mediator;

namespace Labels.Application.Commun;

/// <summary>
/// Runs every validator of a message before its handler; all failures are reported together. Null items of lists are
/// refused first, so that no validator has to guard against them.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validateurs)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var nuls = ElementsNuls.Chemins(message);
        if (nuls.Count > 0)
            throw new ValidationException(nuls.Select(c => new FluentValidation.Results.ValidationFailure(c, "Un élément de liste ne peut pas être null.")));
        var echecs = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validateur in validateurs)
        {
            var resultat = await validateur.ValidateAsync(message, cancellationToken);
            echecs.AddRange(resultat.Errors);
        }
        if (echecs.Count > 0) throw new ValidationException(echecs);
        return await next(message, cancellationToken);
    }
}
