namespace ModelZoo.Core.Pickle;

/// <summary>How the Python 2 <c>str</c> opcodes (<c>STRING</c>, <c>BINSTRING</c>, <c>SHORT_BINSTRING</c>) are read: the
/// <c>encoding</c> argument of Python 3's <c>pickle.load</c>.</summary>
internal enum PickleStrings
{
    /// <summary>As text: UTF-8, or latin-1 when the bytes are not valid UTF-8 (what <c>torch.load</c> does).</summary>
    Text,

    /// <summary>As raw bytes (<c>encoding="bytes"</c>): Python 2 str held binary data, such as a numpy array's
    /// contents, that a text decoding would corrupt.</summary>
    Bytes,
}
