using System.Security.Cryptography;

namespace ModelZoo.Core.Downloads;

/// <summary>An expected file hash: algorithm ("sha256" or "md5") and a full hex digest or a hex prefix
/// (torchvision names weight files with the first 8+ hex digits of their SHA-256).</summary>
internal readonly record struct FileHash(string Algorithm, string Hex)
{
    public static FileHash Sha256(string hex) => new("sha256", hex.ToLowerInvariant());
    public static FileHash Md5(string hex) => new("md5", hex.ToLowerInvariant());

    public string Compute(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using HashAlgorithm algorithm = Algorithm == "md5" ? MD5.Create() : SHA256.Create();
        return Convert.ToHexString(algorithm.ComputeHash(stream)).ToLowerInvariant();
    }

    public bool Matches(string digest) => digest.StartsWith(Hex, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Algorithm} {Hex}";
}
