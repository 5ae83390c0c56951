# Build: restore first from the project files alone, so the package layer is reused until they change.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Labels.sln ./
# One line per project under src/: add a new project here too.
COPY src/Labels.Domain/Labels.Domain.csproj src/Labels.Domain/
COPY src/Labels.Application/Labels.Application.csproj src/Labels.Application/
COPY src/Labels.Infrastructure/Labels.Infrastructure.csproj src/Labels.Infrastructure/
COPY src/Labels.Api/Labels.Api.csproj src/Labels.Api/Execution.props src/Labels.Api/
# The solution also lists the test projects, which the image leaves out: restore the API alone.
RUN dotnet restore src/Labels.Api/Labels.Api.csproj

COPY src/ src/
# The COG files are embedded into Labels.Infrastructure at build time.
COPY data/cog/ data/cog/
RUN dotnet publish src/Labels.Api -c Release -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The folder of waiting import files (Imports:Dossier in docker-compose.yml): a volume mounted there takes its owner.
RUN mkdir /imports && chown "$APP_UID" /imports
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Labels.Api.dll"]
