namespace FamilyMutualAid.Web.Tests.Infrastructure;

/// <summary>Counts the inotify instances this process holds (every FileSystemWatcher on Linux takes one).</summary>
public static class FileWatchers
{
    public static int InotifyInstances() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Count(target => target == "anon_inode:inotify");
}
