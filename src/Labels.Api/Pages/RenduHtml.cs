using System.Text;
using Labels.Api.Publication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Labels.Api.Pages;

/// <summary>
/// Renders a Razor component to the bytes of an HTML page. Razor encodes every value it writes, so no data reaches the page
/// unencoded; the bytes are rendered first and sent after, so that a page carries the strong ETag of exactly what it sends
/// and is answered 304 like the JSON (Http/LecturesConditionnelles.cs).
/// </summary>
public sealed class RenduHtml(ILoggerFactory journaux)
{
    public const string TypeHtml = "text/html; charset=utf-8";

    // The renderer's own services: an encoder that leaves French letters as they are (the page is UTF-8; the default one writes
    // « é » as &#xE9;, which the browser reads alike but which weighs more), and still encodes what HTML gives a meaning to.
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All))
        .AddSingleton(journaux)
        .BuildServiceProvider();

    public async Task<Representation> RendreAsync<T>(IReadOnlyDictionary<string, object?> parametres) where T : IComponent
    {
        // One renderer per page: a shared one would render every page on one dispatcher, one at a time.
        await using var rendu = new HtmlRenderer(services, journaux);
        var html = await rendu.Dispatcher.InvokeAsync(async () =>
            (await rendu.RenderComponentAsync<T>(ParameterView.FromDictionary(parametres.ToDictionary(p => p.Key, p => p.Value)))).ToHtmlString());
        return Representation.De(Encoding.UTF8.GetBytes("<!DOCTYPE html>\n" + html), TypeHtml);
    }
}
