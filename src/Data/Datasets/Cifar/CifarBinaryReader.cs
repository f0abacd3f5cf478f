namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>
/// Reads the CIFAR binary version: fixed-length records of [label] + 3072 pixel bytes (CIFAR-10, 3073 bytes) or
/// [coarse label][fine label] + 3072 pixel bytes (CIFAR-100, 3074 bytes); pixels are the R, G and B planes of a
/// 32 × 32 image, row-major.
/// </summary>
public static class CifarBinaryReader
{
    public static CifarRecords Read(string path, CifarVariant variant)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CIFAR binary file not found: {path}", path);
        byte[] bytes = File.ReadAllBytes(path);
        int labelBytes = variant == CifarVariant.Cifar100 ? 2 : 1;
        int record = labelBytes + CifarFiles.ImageBytes;
        if (bytes.Length == 0 || bytes.Length % record != 0)
            throw new InvalidDataException(
                $"CIFAR-{(variant == CifarVariant.Cifar100 ? "100" : "10")} binary file {path} has {bytes.Length} bytes, which is not a whole number of " +
                $"{record}-byte records ({(labelBytes == 2 ? "coarse label, fine label" : "label")} + {CifarFiles.ImageBytes} pixel bytes).");
        int n = bytes.Length / record;
        var images = new byte[n * CifarFiles.ImageBytes];
        var labels = new byte[n];
        byte[]? coarse = labelBytes == 2 ? new byte[n] : null;
        int classes = variant == CifarVariant.Cifar100 ? 100 : 10;
        for (int i = 0; i < n; i++)
        {
            int offset = i * record;
            if (coarse is not null)
            {
                coarse[i] = bytes[offset];
                if (coarse[i] >= 20) throw BadLabel(path, i, "coarse label", coarse[i], 20);
            }
            labels[i] = bytes[offset + labelBytes - 1];
            if (labels[i] >= classes) throw BadLabel(path, i, "label", labels[i], classes);
            Buffer.BlockCopy(bytes, offset + labelBytes, images, i * CifarFiles.ImageBytes, CifarFiles.ImageBytes);
        }
        return new CifarRecords(images, labels, coarse);
    }

    private static InvalidDataException BadLabel(string path, int record, string what, int value, int classes) =>
        new($"CIFAR binary file {path}, record {record}: {what} {value} is outside 0..{classes - 1}; is this the right variant (CIFAR-10 vs CIFAR-100)?");
}
