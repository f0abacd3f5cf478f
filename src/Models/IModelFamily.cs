namespace ModelZoo.Models;

/// <summary>A family registers its variants with the <see cref="Zoo"/> by implementing this interface
/// on a class with a public parameterless constructor (found by reflection, so a new family needs no edit
/// elsewhere).</summary>
public interface IModelFamily
{
    IEnumerable<ModelEntry> Entries { get; }
}
