using System.Text;
using System.Text.Json;

namespace ModelZoo.Models.Summary;

/// <summary>Writes a <see cref="ModelSummaryResult"/> as the JSON document of <c>modelzoo summary --json</c>.</summary>
internal static class SummaryJson
{
    public static string Write(ModelSummaryResult result, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("model", result.Model);
            w.WriteNumber("params", result.Params);
            w.WriteNumber("trainable_params", result.TrainableParams);
            w.WriteNumber("non_trainable_params", result.NonTrainableParams);
            w.WriteNumber("macs", result.Macs);
            w.WriteNumber("buffers", result.BufferCount);
            w.WriteNumber("activation_bytes", result.ActivationBytes);
            w.WriteStartArray("layers");
            foreach (LayerSummary layer in result.Layers)
            {
                w.WriteStartObject();
                w.WriteString("name", layer.Name);
                w.WriteString("type", layer.Type);
                w.WriteStartArray("output_shape");
                foreach (long d in layer.OutputShape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteNumber("params", layer.Params);
                w.WriteNumber("macs", layer.Macs);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
