namespace ModelZoo.NotebookRunner;

/// <summary>One executed code cell: its 1-based number, how long it ran, and how many outputs it produced.</summary>
public sealed record CellResult(int Cell, TimeSpan Duration, int Outputs);
