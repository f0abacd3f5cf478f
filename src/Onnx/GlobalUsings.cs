// Export and import translate TorchSharp modules to and from ONNX's protobuf messages; these namespaces are imported
// once for the project instead of at the top of each file.
global using ModelZoo.Onnx.Proto;
global using TorchSharp;
global using TorchSharp.Modules;
global using static TorchSharp.torch;
// The reader's wire types are Google.Protobuf's, the enum the writer's CodedOutputStream takes.
global using WireType = Google.Protobuf.WireFormat.WireType;
