using System.Runtime.InteropServices;

namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// OpenSSL's SHA-256 block functions, called directly on a context we keep, so a card MAC can start from the
/// key's precomputed states (<see cref="CardMacKey"/>); .NET's HMAC cannot. Where libcrypto.so.3 or these
/// functions are missing, <see cref="IsAvailable"/> is false and the plain MAC is used.
/// </summary>
internal static partial class OpenSslSha256
{
    /// <summary>Bytes we reserve for a SHA256_CTX: OpenSSL's is 112 on every platform it supports.</summary>
    public const int ContextBytes = 128;

    private const string Library = "libcrypto.so.3";

    public static bool IsAvailable { get; } = Probe();

    // Short, non-blocking and never calling back: safe to skip the GC transition.
    public static void Init(ref byte context) => Check(NativeInit(ref context));

    public static void Update(ref byte context, ref byte data, nuint length) => Check(NativeUpdate(ref context, ref data, length));

    public static void Final(ref byte digest, ref byte context) => Check(NativeFinal(ref digest, ref context));

    // They return 1, or 0 on a failure that valid pointers cannot cause: a 0 is a broken library, not a bad card.
    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new System.Security.Cryptography.CryptographicException("OpenSSL's SHA-256 reported a failure.");
        }
    }

    [DllImport(Library, EntryPoint = "SHA256_Init"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeInit(ref byte context);

    [DllImport(Library, EntryPoint = "SHA256_Update"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeUpdate(ref byte context, ref byte data, nuint length);

    [DllImport(Library, EntryPoint = "SHA256_Final"), SuppressGCTransition]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeFinal(ref byte digest, ref byte context);

    private static bool Probe()
    {
        try
        {
            // The digest of "abc" (FIPS 180-2, appendix B.1) proves the binding before anything relies on it.
            Span<byte> context = stackalloc byte[ContextBytes];
            Span<byte> digest = stackalloc byte[32];
            ReadOnlySpan<byte> abc = "abc"u8;
            Init(ref context[0]);
            Update(ref context[0], ref MemoryMarshal.GetReference(abc), (nuint)abc.Length);
            Final(ref digest[0], ref context[0]);
            return digest.SequenceEqual(Convert.FromHexString("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
