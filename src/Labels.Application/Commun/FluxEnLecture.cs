namespace Labels.Application.Commun;

/// <summary>
/// A stream that is only read, forward, as the import's bodies are (counted, bounded and hashed: <see cref="FluxCompte"/>;
/// checked in their encoding: Infrastructure/Imports/FluxUtf8.cs and FluxVerifie.cs): what such a stream answers to everything
/// else, written once. A derived stream reads in <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>,
/// and overrides the synchronous reads when it has a real synchronous path.
/// </summary>
public abstract class FluxEnLecture : Stream
{
    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => false;
    public sealed override bool CanWrite => false;
    public sealed override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public sealed override void Flush() { }
    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public sealed override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);
}
