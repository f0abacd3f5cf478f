namespace ModelZoo.Data.Imaging;

/// <summary>An image could not be decoded; <see cref="Path"/> names the file (or the source given for a buffer or
/// stream) and <see cref="Error"/> says why. Derives from <see cref="IOException"/> (the base of the sealed
/// <see cref="InvalidDataException"/>), so one <c>catch (IOException)</c> covers unreadable and undecodable files.</summary>
public sealed class ImageDecodeException : IOException
{
    public ImageDecodeException(string? path, ImageDecodeError error, string message, Exception? innerException = null)
        : base($"{(path is null ? "Image" : $"Image '{path}'")}: {message}", innerException)
    {
        Path = path;
        Error = error;
    }

    /// <summary>The file path, or the source name given for in-memory data; null when none was given.</summary>
    public string? Path { get; }

    public ImageDecodeError Error { get; }
}
