namespace ModelZoo.Data.Datasets.ImageFolders;

/// <summary>A sample file and its class index.</summary>
public readonly record struct FileSample(string Path, int Label);
