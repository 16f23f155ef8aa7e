import FaberCore
#if canImport(Glibc)
import Glibc
#endif

public enum FaberMain {
    public static func main() async {
        exit(ExitStatus.internalError.rawValue)
    }
}
