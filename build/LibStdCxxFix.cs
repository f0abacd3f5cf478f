#nullable enable
// Makes one GNU version requirement of an ELF shared library weak (VER_FLG_WEAK), so the dynamic
// loader accepts a libstdc++ that lacks it. Used by build/LibStdCxxCompat.targets (as an inline
// MSBuild task) and by the tests (linked source). Self-contained: no patchelf, no dependencies.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so lists GLIBCXX_3.4.32 in .gnu.version_r only because
// GCC 13 headers reference _ZSt21ios_base_library_initv; nothing is relocated against it, so a
// weak requirement is enough for Debian 12 / Ubuntu 22.04 (GLIBCXX <= 3.4.31) to load it.
using System;
using System.IO;
using System.Text;
#if !MODELZOO_NO_MSBUILD
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace ModelZoo.Build
{
    public enum VersionNeedPatchResult { NotRequired, AlreadyWeak, Patched }

    public static class ElfVersionNeedPatcher
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>Sets VER_FLG_WEAK on the requirement <paramref name="version"/> of <paramref name="library"/>.
        /// The file is rewritten through a temporary file and a rename (never edited in place, so a hard link
        /// to a package cache is not modified) and keeps its timestamp so incremental copies stay skipped.</summary>
        public static VersionNeedPatchResult MakeWeak(string path, string library, string version)
        {
            byte[] bytes = File.ReadAllBytes(path);
            int flagsOffset = FindFlagsOffset(bytes, path, library, version);
            if (flagsOffset < 0) return VersionNeedPatchResult.NotRequired;
            ushort flags = BitConverter.ToUInt16(bytes, flagsOffset);
            if ((flags & VerFlgWeak) != 0) return VersionNeedPatchResult.AlreadyWeak;
            flags |= VerFlgWeak;
            bytes[flagsOffset] = (byte)(flags & 0xff);
            bytes[flagsOffset + 1] = (byte)(flags >> 8);
            DateTime stamp = File.GetLastWriteTimeUtc(path);
            string temp = path + ".mzpatch.tmp";
            File.WriteAllBytes(temp, bytes);
            File.SetLastWriteTimeUtc(temp, stamp);
            // Delete + move (not an overwrite in place): a hard link into the NuGet cache is unlinked, not edited.
            File.Delete(path);
            File.Move(temp, path);
            return VersionNeedPatchResult.Patched;
        }

        /// <summary>Returns the flags of the requirement as stored, or null when the file does not require it.</summary>
        public static ushort? ReadFlags(string path, string library, string version)
        {
            byte[] bytes = File.ReadAllBytes(path);
            int offset = FindFlagsOffset(bytes, path, library, version);
            return offset < 0 ? (ushort?)null : BitConverter.ToUInt16(bytes, offset);
        }

        /// <summary>True when <paramref name="libraryPath"/> defines the version string (e.g. GLIBCXX_3.4.32).</summary>
        public static bool LibraryProvidesVersion(string libraryPath, string version)
        {
            byte[] data = File.ReadAllBytes(libraryPath);
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            return IndexOf(data, needle) >= 0;
        }

        /// <summary>The system's libstdc++.so.6, or null if none of the usual locations has one.</summary>
        public static string? FindSystemLibStdCxx()
        {
            string[] dirs =
            {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
            };
            string? ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ld))
            {
                foreach (string dir in ld.Split(':'))
                {
                    string candidate = Path.Combine(dir, "libstdc++.so.6");
                    if (dir.Length > 0 && File.Exists(candidate)) return candidate;
                }
            }
            foreach (string dir in dirs)
            {
                string candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        private static int FindFlagsOffset(byte[] b, string path, string library, string version)
        {
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
                throw Bad(path, "not an ELF file (missing \\x7fELF magic)");
            if (b[4] != 2 || b[5] != 1)
                throw Bad(path, "expected a 64-bit little-endian ELF (EI_CLASS=2, EI_DATA=1)");
            ulong shoff = U64(b, 0x28, path);
            int shentsize = U16(b, 0x3A, path);
            int shnum = U16(b, 0x3C, path);
            if (shentsize < 64) throw Bad(path, $"section header entry size {shentsize} < 64");
            for (int i = 0; i < shnum; i++)
            {
                long sh = Checked(b, (long)shoff + (long)i * shentsize, 64, path);
                uint type = U32(b, (int)sh + 4, path);
                if (type != ShtGnuVerneed) continue;
                long offset = (long)U64(b, (int)sh + 0x18, path);
                long size = (long)U64(b, (int)sh + 0x20, path);
                uint link = U32(b, (int)sh + 0x28, path);
                uint count = U32(b, (int)sh + 0x2C, path);
                Checked(b, offset, size, path);
                if (link >= shnum) throw Bad(path, $".gnu.version_r links to section {link}, but there are {shnum}");
                long strSh = Checked(b, (long)shoff + (long)link * shentsize, 64, path);
                long strOff = (long)U64(b, (int)strSh + 0x18, path);
                long strSize = (long)U64(b, (int)strSh + 0x20, path);
                Checked(b, strOff, strSize, path);

                long entry = offset;
                for (uint n = 0; n < count; n++)
                {
                    Checked(b, entry, 16, path);
                    int auxCount = U16(b, (int)entry + 2, path);
                    string file = Str(b, strOff, strSize, U32(b, (int)entry + 4, path), path);
                    long aux = entry + U32(b, (int)entry + 8, path);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Checked(b, aux, 16, path);
                        string name = Str(b, strOff, strSize, U32(b, (int)aux + 8, path), path);
                        if (file == library && name == version) return (int)aux + 4;
                        uint nextAux = U32(b, (int)aux + 12, path);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(b, (int)entry + 12, path);
                    if (next == 0) break;
                    entry += next;
                }
                return -1;
            }
            return -1;
        }

        private static string Str(byte[] b, long tableOffset, long tableSize, uint index, string path)
        {
            if (index >= tableSize) throw Bad(path, $"string index {index} outside .dynstr ({tableSize} bytes)");
            long start = tableOffset + index;
            long end = start;
            while (end < tableOffset + tableSize && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
        }

        private static long Checked(byte[] b, long offset, long length, string path)
        {
            if (offset < 0 || length < 0 || offset + length > b.Length)
                throw Bad(path, $"a header points outside the file (offset {offset}, length {length}, file size {b.Length})");
            return offset;
        }

        private static ushort U16(byte[] b, int o, string p) { Checked(b, o, 2, p); return BitConverter.ToUInt16(b, o); }
        private static uint U32(byte[] b, int o, string p) { Checked(b, o, 4, p); return BitConverter.ToUInt32(b, o); }
        private static ulong U64(byte[] b, int o, string p) { Checked(b, o, 8, p); return BitConverter.ToUInt64(b, o); }

        private static InvalidDataException Bad(string path, string why) =>
            new InvalidDataException($"Cannot apply the libstdc++ compatibility fix to '{path}': {why}.");

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !MODELZOO_NO_MSBUILD
// MSBuild inline task (RoslynCodeTaskFactory) wrapping ElfVersionNeedPatcher; see LibStdCxxCompat.targets.
// Tests compile this file with MODELZOO_NO_MSBUILD defined, so only the patcher above is built there.

namespace ModelZoo.Build
{
    public class WeakenLibStdCxxRequirement : Task
    {
        private const string Library = "libstdc++.so.6";
        private const string Version = "GLIBCXX_3.4.32";

        [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
        public bool Force { get; set; }

        public override bool Execute()
        {
            if (!Force)
            {
                string? system = ElfVersionNeedPatcher.FindSystemLibStdCxx();
                if (system != null && ElfVersionNeedPatcher.LibraryProvidesVersion(system, Version))
                {
                    Log.LogMessage(MessageImportance.Low, $"{system} provides {Version}; no compatibility fix needed.");
                    return true;
                }
            }
            foreach (ITaskItem item in Files)
            {
                string path = item.GetMetadata("FullPath");
                try
                {
                    VersionNeedPatchResult result = ElfVersionNeedPatcher.MakeWeak(path, Library, Version);
                    Log.LogMessage(result == VersionNeedPatchResult.Patched ? MessageImportance.Normal : MessageImportance.Low,
                        $"libstdc++ compatibility fix on {path}: {result}");
                }
                catch (InvalidDataException ex)
                {
                    Log.LogError(ex.Message + " Set MzSkipLibStdCxxFix=true to build without the fix.");
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
}
#endif
