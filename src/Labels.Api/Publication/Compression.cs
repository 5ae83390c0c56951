namespace Labels.Api.Publication;

/// <summary>The content codings a palmarès is sent in: its JSON shrinks about fivefold (the identifiers do not compress), its bytes are compressed once per release.</summary>
public enum Compression { Aucune, Gzip, Brotli }
