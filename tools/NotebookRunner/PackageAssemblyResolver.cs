using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;

namespace ModelZoo.NotebookRunner;

/// <summary>
/// Lets the process load what <c>#r "nuget:"</c> restored: the kernel compiles against the packages' assemblies, but a
/// dependency the notebook's code never names (SkiaSharp under ModelZoo.Data) and native libraries
/// (<c>runtimes/&lt;rid&gt;/native</c>) are found only through these resolvers, as in the .NET Interactive host.
/// </summary>
public static class PackageAssemblyResolver
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, string> Assemblies = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<string> NativeFolders = new();
    private static bool installed;

    /// <summary>Adds the assemblies and native folders of <paramref name="packages"/>.</summary>
    public static void Register(IEnumerable<ResolvedPackageReference> packages)
    {
        lock (Gate)
        {
            foreach (ResolvedPackageReference package in packages)
            {
                foreach (string path in package.AssemblyPaths)
                    Assemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
                foreach (string root in package.ProbingPaths)
                    foreach (string rid in RuntimeIds())
                    {
                        string native = Path.Combine(root, "runtimes", rid, "native");
                        if (Directory.Exists(native) && !NativeFolders.Contains(native)) NativeFolders.Add(native);
                    }
            }
            if (installed) return;
            AssemblyLoadContext.Default.Resolving += ResolveAssembly;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
            installed = true;
        }
    }

    private static Assembly? ResolveAssembly(AssemblyLoadContext context, AssemblyName name)
    {
        string? path;
        lock (Gate) Assemblies.TryGetValue(name.Name ?? "", out path);
        return path is not null && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }

    private static IntPtr ResolveNative(Assembly assembly, string name)
    {
        string[] folders;
        lock (Gate) folders = NativeFolders.ToArray();
        foreach (string folder in folders)
            foreach (string file in new[] { name, "lib" + name + ".so", name + ".so", "lib" + name + ".dylib", name + ".dll" })
            {
                string path = Path.Combine(folder, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle)) return handle;
            }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> RuntimeIds()
    {
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        yield return $"{os}-{arch}";
        yield return os;
    }
}
