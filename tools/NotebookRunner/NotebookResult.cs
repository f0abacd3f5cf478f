using Microsoft.CodeAnalysis;

namespace ModelZoo.NotebookRunner;

/// <summary>A notebook that ran to the end: the executed cells, the total time, and the assemblies the kernel
/// compiled against (what the notebook referenced), for checking its file-based twin.</summary>
public sealed record NotebookResult(string Notebook, IReadOnlyList<CellResult> Cells, TimeSpan Duration, IReadOnlyList<MetadataReference> References);
