# The API image, used by docker-compose.yml for both the service and its one-shot `migrate` step.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/Api/Api.csproj --configuration Release --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Console__FormatterName=json
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "MediaGateway.Api.dll"]
