using ModelZoo.Cam.Methods;

namespace ModelZoo.Cam;

/// <summary>The methods by name, as the CLI spells them: <c>CamMethods.Create("gradcam++", model)</c>.</summary>
public static class CamMethods
{
    private static readonly (string Name, string Description, Func<ImageClassifier, CamOptions?, CamBase> Create)[] s_methods =
    {
        ("cam", "CAM: classifier weights × last feature map (GAP + linear heads only; no backward)", (m, o) => new ClassicCam(m, o)),
        ("gradcam", "Grad-CAM: spatially averaged gradients × activations", (m, o) => new GradCam(m, o)),
        ("gradcam++", "Grad-CAM++: second-order weighting of positive gradients", (m, o) => new GradCamPlusPlus(m, o)),
        ("xgradcam", "XGrad-CAM: activation-normalised gradient weights", (m, o) => new XGradCam(m, o)),
        ("hirescam", "HiResCAM: element-wise gradients × activations", (m, o) => new HiResCam(m, o)),
        ("layercam", "Layer-CAM: positive gradients × activations per position", (m, o) => new LayerCam(m, o)),
        ("scorecam", "Score-CAM: class probability of the input masked by each channel (batched)", (m, o) => new ScoreCam(m, o)),
        ("eigencam", "Eigen-CAM: first principal component of the activations (class-agnostic)", (m, o) => new EigenCam(m, o)),
    };

    /// <summary>Every method name, in the order above.</summary>
    public static IReadOnlyList<string> Names { get; } = s_methods.Select(m => m.Name).ToArray();

    /// <summary>One line about the method.</summary>
    public static string Describe(string name) => Find(name).Description;

    /// <summary>The method's canonical name ("Grad-CAM++" → "gradcam++"); an unknown name throws, listing the known ones.</summary>
    public static string Normalize(string name) => Find(name).Name;

    /// <summary>A new method object for <paramref name="model"/> (dispose it).</summary>
    public static CamBase Create(string name, ImageClassifier model, CamOptions? options = null) => Find(name).Create(model, options);

    private static (string Name, string Description, Func<ImageClassifier, CamOptions?, CamBase> Create) Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");
        if (key == "gradcampp" || key == "gradcamplusplus") key = "gradcam++";
        foreach (var m in s_methods)
            if (m.Name == key) return m;
        throw new ArgumentException($"Unknown CAM method '{name}'. Expected one of: {string.Join(", ", Names)}.", nameof(name));
    }
}
