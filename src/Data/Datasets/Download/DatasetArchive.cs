namespace ModelZoo.Data.Datasets.Download;

/// <summary>A downloadable dataset archive: where it is, what it must hash to, and the folder it unpacks to.</summary>
/// <param name="Url">Download address.</param>
/// <param name="FileName">Name of the archive file in the dataset root.</param>
/// <param name="Md5">Expected MD5 (hex) of the archive, as published with the dataset (torchvision's value).</param>
/// <param name="ExtractedFolder">Folder the archive creates in the dataset root (its presence means "done").</param>
public sealed record DatasetArchive(string Url, string FileName, string Md5, string ExtractedFolder);
