namespace ModelZoo.Models.Weights;

/// <summary>The container format of a <c>torch.save</c> file.</summary>
public enum CheckpointFormat
{
    /// <summary>torch ≥ 1.6: a zip archive with <c>&lt;prefix&gt;/data.pkl</c> and one entry per storage.</summary>
    Zip,

    /// <summary>Before 1.6 (or <c>_use_new_zipfile_serialization=False</c>): consecutive pickles, then raw storages.</summary>
    Legacy,
}
