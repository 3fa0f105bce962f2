import { cn } from "./cn";

/** Small stroke icons, decorative only: pair them with visible text or an aria-label. */
function Icon({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <svg
      aria-hidden
      focusable="false"
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn("size-4 shrink-0", className)}
    >
      {children}
    </svg>
  );
}

export const PlusIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M10 4v12M4 10h12" />
  </Icon>
);

export const PencilIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M13.5 3.5l3 3L7 16H4v-3l9.5-9.5z" />
  </Icon>
);

export const TrashIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M4 6h12M8 6V4h4v2M6 6l.7 10h6.6L14 6" />
  </Icon>
);

export const SearchIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <circle cx="9" cy="9" r="5" />
    <path d="M13 13l4 4" />
  </Icon>
);

export const ArrowDownIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M10 4v12M5 11l5 5 5-5" />
  </Icon>
);

export const ArrowUpIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M10 16V4M5 9l5-5 5 5" />
  </Icon>
);

export const ChatIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M4 5h12v8H9l-4 3v-3H4z" />
  </Icon>
);

export const CheckCircleIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <circle cx="10" cy="10" r="7" />
    <path d="M7 10l2 2 4-4" />
  </Icon>
);

export const CloseIcon = ({ className }: { className?: string }) => (
  <Icon className={className}>
    <path d="M5 5l10 10M15 5L5 15" />
  </Icon>
);
