namespace ModelZoo.Data.Datasets.Download;

/// <summary>An archive entry would be written outside the extraction directory (a "..", an absolute path, a link
/// pointing out, or a path through such a link), or is of a type that is never extracted (device, FIFO). Nothing
/// from the archive is left in the destination.</summary>
public sealed class UnsafeArchiveEntryException : IOException
{
    public UnsafeArchiveEntryException(string archive, string entryName, string reason)
        : base($"Refusing to extract {archive}: entry '{entryName}' {reason}. Nothing was extracted.")
    {
        Archive = archive;
        EntryName = entryName;
    }

    public string Archive { get; }
    public string EntryName { get; }
}
