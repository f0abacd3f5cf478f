namespace ModelZoo.NotebookRunner;

/// <summary>A cell of a notebook failed: compile error, exception, or an unsupported kernel. The message names the
/// notebook, the cell number (1-based, counting Markdown cells, as an editor shows them) and the error.</summary>
public sealed class NotebookCellException : Exception
{
    public NotebookCellException(string notebook, int cell, string error, string? details = null)
        : base($"{notebook}: cell {cell} failed: {error}")
    {
        Notebook = notebook;
        Cell = cell;
        Error = error;
        Details = details ?? error;
    }

    /// <summary>The notebook's path as given to the runner.</summary>
    public string Notebook { get; }

    /// <summary>1-based number of the failing cell.</summary>
    public int Cell { get; }

    /// <summary>The first line of the error (compiler diagnostic or exception type and message).</summary>
    public string Error { get; }

    /// <summary>The whole error, with the stack trace when there is one.</summary>
    public string Details { get; }
}
