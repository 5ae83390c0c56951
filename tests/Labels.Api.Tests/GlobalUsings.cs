// What nearly every test of this project reads: HTTP, JSON nodes, the database through EF, the test tools.
global using System.Net;
global using System.Net.Http.Json;
global using System.Text;
global using System.Text.Json.Nodes;
global using Labels.Api.Tests.Outils;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
