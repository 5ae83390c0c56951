using FluentValidation;
using Mediator;

namespace Labels.Application.Commun;

/// <summary>Runs every validator of a message before its handler; all failures are reported together.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validateurs)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
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
